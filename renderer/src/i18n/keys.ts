import type { Messages } from './zh';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key of the catalogues, e.g. 'header.sync'. */
export type MessageKey = Leaves<Messages>;
