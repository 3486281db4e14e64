/** Excel import/export and backup/restore channels (issue: Excel import and export, backup and restore). */
export const dataChannels = {} as const;
