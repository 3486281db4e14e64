/** 0 → A, 25 → Z, 26 → BA…: names made of letters (the name rules refuse digits). */
export function letters(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}
