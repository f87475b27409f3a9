/** A clipboard in memory, recording whether each write was marked concealed. */
import type { Clipboard } from '../../main/vault/clipboard';

export class TestClipboard implements Clipboard {
  text = '';
  concealed = false;

  async readText(): Promise<string> {
    return this.text;
  }

  async writeText(text: string, concealed: boolean): Promise<void> {
    this.text = text;
    this.concealed = concealed;
  }

  clear(): void {
    this.text = '';
    this.concealed = false;
  }
}
