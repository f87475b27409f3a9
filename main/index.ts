/** Electron entry point: everything happens in the shell. */
import { startShell } from './shell/app';

startShell();
