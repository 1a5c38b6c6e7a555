// Check digits of contract IDs. Both functions take an already validated, upper-case base without
// separators; `emaid.ts` and `din-contract-id.ts` do the validation and name the part at fault.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `0`–`9` → 0–9, `A`–`Z` → 10–35. */
function valueOf(char: string): number {
  return ALPHABET.indexOf(char);
}

type Pair = readonly [number, number];
type Matrix = readonly [Pair, Pair];

function multiply(a: Matrix, b: Matrix, modulus: number): Matrix {
  const cell = (row: 0 | 1, col: 0 | 1) => (a[row][0] * b[0][col] + a[row][1] * b[1][col]) % modulus;
  return [
    [cell(0, 0), cell(0, 1)],
    [cell(1, 0), cell(1, 1)],
  ];
}

/** Row vector times matrix. */
function apply(v: Pair, m: Matrix, modulus: number): Pair {
  return [(v[0] * m[0][0] + v[1] * m[1][0]) % modulus, (v[0] * m[0][1] + v[1] * m[1][1]) % modulus];
}

/** m¹ … m¹⁴, the position weights of the 14 base characters. */
function powers(m: Matrix, modulus: number): Matrix[] {
  const out: Matrix[] = [m];
  while (out.length < 14) out.push(multiply(out[out.length - 1] as Matrix, m, modulus));
  return out;
}

// ISO 15118-2 Annex H.1.3 / eMI3 "Check Digit Calculation for Contract-IDs" (roaming-domain notes §3.3):
// each character v = 9q + r contributes q as a bit pair over GF(2) weighted by P1ⁱ and r as a trit pair
// over GF(3) weighted by P2ⁱ; the check character makes both sums zero.
const P1_POWERS = powers(
  [
    [0, 1],
    [1, 1],
  ],
  2,
);
const P2_POWERS = powers(
  [
    [0, 1],
    [1, 2],
  ],
  3,
);

/** The ISO 15118 / eMI3 check character of a 14-character eMAID base (`DE8AACA2B3C4D5` → `L`). */
export function isoCheckDigit(base: string): string {
  let q: Pair = [0, 0];
  let r: Pair = [0, 0];
  for (let i = 0; i < 14; i += 1) {
    const v = valueOf(base[i] as string);
    const quotient = Math.floor(v / 9);
    const remainder = v % 9;
    const qTerm = apply([quotient >> 1, quotient & 1], P1_POWERS[i] as Matrix, 2);
    const rTerm = apply([Math.floor(remainder / 3), remainder % 3], P2_POWERS[i] as Matrix, 3);
    q = [(q[0] + qTerm[0]) % 2, (q[1] + qTerm[1]) % 2];
    r = [(r[0] + rTerm[0]) % 3, (r[1] + rTerm[1]) % 3];
  }
  // Position 15 is weighted by P1¹⁵ = I and P2¹⁵ = [[1,1],[1,0]]; solve c·weight = −sum for each field.
  const q1 = q[0];
  const q2 = q[1];
  const r1 = (3 - r[1]) % 3;
  const r2 = (r[1] - r[0] + 3) % 3;
  return ALPHABET[9 * (2 * q1 + q2) + 3 * r1 + r2] as string;
}

/**
 * The DIN SPEC 91286 check digit of an 11-character base CC+PPP+6-char instance (`NLTNM012204` → `5`):
 * digits count once, a letter as its two decimal digits; each digit is weighted 2ᵏ in reading order, the
 * sum is taken mod 11 and 10 is written `X` (ShellRechargeSolutionsEU/mobilityid `CheckDigitDin`, notes §3.3).
 */
export function dinCheckDigit(base: string): string {
  let sum = 0;
  let weight = 1;
  for (const char of base) {
    const v = valueOf(char);
    const digits = v < 10 ? [v] : [Math.floor(v / 10), v % 10];
    for (const digit of digits) {
      sum += digit * weight;
      weight *= 2;
    }
  }
  const check = sum % 11;
  return check === 10 ? 'X' : String(check);
}
