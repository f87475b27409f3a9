/** The team vaults set up in main, as the page knows them: loaded once, reloaded after a change. */
import type { TeamDestination } from '$contract/team';
import { api } from './api';

class TeamDestinations {
  list = $state.raw<TeamDestination[]>([]);
  loaded = $state(false);

  async load(): Promise<void> {
    this.list = await api.listTeamDestinations();
    this.loaded = true;
  }

  find(id: string): TeamDestination | undefined {
    return this.list.find((d) => d.id === id);
  }

  /** A KeePassXC database opened with a password typed each time. */
  asks(id: string): boolean {
    const d = this.find(id);
    return d?.kind === 'keepassxc' && d.passwordMode === 'ask';
  }
}

export const team = new TeamDestinations();
