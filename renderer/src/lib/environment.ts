import type { EnvironmentColour } from '$contract/connections';

/** Colour names as people read them; the colour itself is never the only signal (the label is shown too). */
export const colourNames: Record<EnvironmentColour, string> = {
  red: 'Red',
  orange: 'Orange',
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  purple: 'Purple',
  grey: 'Grey',
};

export const environmentSuggestions = ['production', 'staging', 'development', 'test', 'local'];
