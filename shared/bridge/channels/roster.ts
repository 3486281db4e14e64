/** The people roster, prefill chains and deadlines (issue: roster, deadlines and reminders). */
export const rosterChannels = {} as const;
