/**
 * Checksums and plausibility tests for personal numbers: 居民身份证号码 (GB 11643-1999) and bank
 * cards (Luhn). The privacy scanner must tell real numbers from the many other 15-19 digit
 * numbers in government documents, so every check here is a reason to *reject* a look-alike.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260, plus 71/81/82/83 used for 台港澳 residents' numbers. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);
const MUNICIPALITIES = new Set([11, 12, 31, 50]);
const SPECIAL_REGIONS = new Set([71, 81, 82, 83]);

/** Check character for the first 17 digits of an 18-digit number. */
export function idCardCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCardCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Whether the 6-digit prefix can be an administrative division. We do not ship the full
 * GB/T 2260 list (it changes yearly and old numbers keep retired codes such as 372301 惠民地区),
 * so we only reject shapes no division ever had: unknown provinces, city 00, and municipalities
 * with more than two city-level codes.
 */
export function isPlausibleRegion(code6: string): boolean {
  if (!/^\d{6}$/.test(code6)) return false;
  const province = Number(code6.slice(0, 2));
  const city = Number(code6.slice(2, 4));
  if (!PROVINCES.has(province)) return false;
  if (SPECIAL_REGIONS.has(province)) return code6.slice(2) === '0000';
  if (MUNICIPALITIES.has(province)) return city === 1 || city === 2;
  return (city >= 1 && city <= 70) || city === 90;
}

/** Calendar-valid date within [1900, maxYear]. */
export function isValidBirthDate(year: number, month: number, day: number, maxYear: number): boolean {
  if (year < 1900 || year > maxYear || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** 18-character number: shape, region, birth date and GB 11643 check character. */
export function isValidIdCard18(id: string, maxYear: number = new Date().getFullYear()): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!isPlausibleRegion(id.slice(0, 6))) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isValidBirthDate(y, m, d, maxYear)) return false;
  return idCardCheckDigit(id.slice(0, 17)) === id[17].toUpperCase();
}

/** 18 characters with a plausible region and birth date but (any) check character: a typo of a real ID. */
export function isIdCard18Typo(id: string, maxYear: number = new Date().getFullYear()): boolean {
  if (!/^\d{17}[\dXx]$/.test(id) || !isPlausibleRegion(id.slice(0, 6))) return false;
  return isValidBirthDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), maxYear);
}

/**
 * 15-digit numbers issued before 1999 carry no check digit, so region and YYMMDD (19YY) are all
 * we can test; callers should add context checks for 15-digit 注册号 and similar.
 */
export function isPlausibleIdCard15(id: string): boolean {
  if (!/^\d{15}$/.test(id)) return false;
  if (!isPlausibleRegion(id.slice(0, 6))) return false;
  const y = 1900 + Number(id.slice(6, 8));
  const m = Number(id.slice(8, 10));
  const d = Number(id.slice(10, 12));
  return isValidBirthDate(y, m, d, 1999);
}

/** Luhn (mod 10) checksum used by bank card numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Digit that makes `payload` + digit pass Luhn; used to build test numbers. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return String(d);
  throw new Error('luhnCheckDigit needs digits only');
}
