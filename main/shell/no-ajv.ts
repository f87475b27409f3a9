/**
 * Stands in for ajv and ajv-formats in the main build (electron.vite.config.ts). electron-store loads
 * them for a JSON schema Token Desk never passes (zod and our numbered migrations validate the
 * settings), and loading them cost every start about 10 ms.
 */
function refuse(): never {
  throw new Error('Token Desk validates its settings with zod: electron-store schemas are not built in.');
}

export class Ajv2020 {
  constructor() {
    refuse();
  }
}

export default refuse;
