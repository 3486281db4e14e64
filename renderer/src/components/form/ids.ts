/** DOM ids of the form controls: stable, so labels, problem links and tests can point at them. */
export const fieldDomId = (key: string): string => `f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** vee-validate path of a flat dotted key: `[employer.name]` keeps it from nesting. */
export const fieldPath = (key: string): string => `[${key}]`;
