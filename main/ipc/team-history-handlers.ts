/** The calls of the team history: its target, its shipping, the team's records and their export. */
import type { History } from '../history/history';
import type { TeamHistory } from '../team-history/team-history';
import type { Handlers } from './dispatch';

type TeamHistoryCall =
  | 'exportHistory'
  | 'getTeamHistory'
  | 'setUpTeamHistory'
  | 'stopTeamHistory'
  | 'shipTeamHistory'
  | 'readTeamHistory'
  | 'setDeskName';

export function teamHistoryHandlers(s: {
  history: History;
  teamHistory: TeamHistory;
}): Pick<Handlers, TeamHistoryCall> {
  return {
    exportHistory: async ({ format, scope }) =>
      s.history.export(format, scope === 'team' ? await s.teamHistory.entries() : undefined),
    getTeamHistory: async () => s.teamHistory.status(),
    setUpTeamHistory: (input) => s.teamHistory.setUp(input),
    stopTeamHistory: () => s.teamHistory.stop(),
    shipTeamHistory: () => s.teamHistory.shipNow(),
    readTeamHistory: () => s.teamHistory.read(),
    setDeskName: async ({ name }) => s.teamHistory.setDesk(name),
  };
}
