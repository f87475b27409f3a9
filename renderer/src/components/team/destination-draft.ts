/** The team vault form's fields, one flat record for every kind, and the draft main checks. */
import type { DestinationDraft, DestinationKind, TeamDestination } from '$contract/team';

export interface DraftFields {
  label: string;
  connectionIds: string[];
  file: string;
  keyFile: string;
  group: string;
  passwordMode: 'saved' | 'ask' | 'none';
  /** A new master password; '' keeps the sealed one. */
  password: string;
  cli: string;
  storeDir: string;
  folder: string;
  gitPush: boolean;
  program: string;
  /** One argument per line: no shell splits them. */
  args: string;
  timeoutSeconds: number;
}

export function blankDraft(d: TeamDestination | null): DraftFields {
  return {
    label: d?.label ?? '',
    connectionIds: d?.connectionIds ?? [],
    file: d?.kind === 'keepassxc' ? d.file : '',
    keyFile: d?.kind === 'keepassxc' ? (d.keyFile ?? '') : '',
    group: d?.kind === 'keepassxc' ? d.group : 'InfluxDB/{connection}',
    passwordMode: d?.kind === 'keepassxc' ? d.passwordMode : 'saved',
    password: '',
    cli: d?.kind === 'keepassxc' ? d.cli : 'keepassxc-cli',
    storeDir: d?.kind === 'pass' ? (d.storeDir ?? '') : '',
    folder: d?.kind === 'pass' ? d.folder : 'InfluxDB/{connection}',
    gitPush: d?.kind === 'pass' ? d.gitPush : false,
    program: d?.kind === 'command' ? d.program : '',
    args: d?.kind === 'command' ? d.args.join('\n') : '',
    timeoutSeconds: d?.kind === 'command' ? d.timeoutSeconds : 30,
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

export function draftOf(kind: DestinationKind, f: DraftFields, id: string | null): DestinationDraft {
  const common = { id, label: f.label, connectionIds: f.connectionIds };
  switch (kind) {
    case 'keepassxc':
      return {
        ...common,
        kind,
        file: f.file,
        keyFile: orNull(f.keyFile),
        group: f.group,
        passwordMode: f.passwordMode,
        password: f.passwordMode === 'saved' ? orNull(f.password) : null,
        cli: f.cli || 'keepassxc-cli',
      };
    case 'pass':
      return { ...common, kind, storeDir: orNull(f.storeDir), folder: f.folder, gitPush: f.gitPush };
    case 'secret-service':
      return { ...common, kind };
    case 'command':
      return {
        ...common,
        kind,
        program: f.program,
        args: f.args.split('\n').filter((line) => line.length > 0),
        timeoutSeconds: f.timeoutSeconds,
      };
  }
}
