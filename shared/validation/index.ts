/** Pure validators of forms.md, shared by the renderer (as you type) and main (before save/submit). */
export * from './finding';
export * from './dates';
export * from './uscc';
export * from './residentId';
export * from './hmtDocument';
export * from './person';
export * from './employment';
export * from './photo';
export * from './countries';
export * from './countryPicker';
export * from './regulations';
