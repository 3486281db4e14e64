/**
 * A single validation problem found by one of the pure validators in this folder.
 *
 * `code` is a stable machine code (`uscc.checksum`); `message` is plain Chinese, then " / ", then
 * English. The message names the field by its forms.md label and says how to fix the value.
 * Severity (block / warn) is not decided here: the document definitions attach it.
 */
export interface Finding {
  code: string;
  message: string;
}

/** A field's label as printed on the form (forms.md first column) and its English sub-label. */
export interface FieldLabel {
  readonly zh: string;
  readonly en: string;
}

/** Builds a Finding whose message is `zh / en`. */
export function finding(code: string, zh: string, en: string): Finding {
  return { code, message: `${zh} / ${en}` };
}
