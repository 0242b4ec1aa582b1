import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  idCardCheckDigit,
  isPlausibleIdCard15,
  isPlausibleRegion,
  isValidBirthDate,
  isValidIdCard18,
  luhnCheckDigit,
  luhnValid,
} from './pii-checks.js';

const YEAR = 2026;

test('check digit of the GB 11643 example and known numbers', () => {
  // Example from the standard's annex: 11010519491231002X.
  assert.equal(idCardCheckDigit('11010519491231002'), 'X');
  assert.equal(isValidIdCard18('11010519491231002X', YEAR), true);
  assert.equal(isValidIdCard18('11010519491231002x', YEAR), true);
  assert.equal(idCardCheckDigit('44052418800101001'), '4');
  // Weighted sum 0 mod 11 gives '1'; mod 11 = 2 gives 'X'.
  assert.equal(idCardCheckDigit('00000000000000000'), '1');
  assert.throws(() => idCardCheckDigit('1234'));
});

test('every check character value 0-10 is produced and verified', () => {
  const seen = new Set<string>();
  for (let seq = 0; seq < 200; seq++) {
    const first17 = `370305199001${'01'}${String(seq).padStart(3, '0')}`;
    const c = idCardCheckDigit(first17);
    seen.add(c);
    assert.equal(isValidIdCard18(first17 + c, YEAR), true);
  }
  assert.deepEqual([...seen].sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
});

const regions = fc.constantFrom('370305', '370302', '370303', '370321', '110105', '310104', '500101', '440524', '652901', '372301');
const validId = fc
  .record({
    region: regions,
    year: fc.integer({ min: 1900, max: YEAR }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, year, month, day, seq }) => {
    const first17 = region + String(year) + String(month).padStart(2, '0') + String(day).padStart(2, '0') + String(seq).padStart(3, '0');
    return first17 + idCardCheckDigit(first17);
  });

test('generated valid ids validate', () => {
  fc.assert(fc.property(validId, (id) => isValidIdCard18(id, YEAR)), { numRuns: 500 });
});

test('any single-character substitution is rejected', () => {
  fc.assert(
    fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, pos, delta) => {
      const alphabet = pos === 17 ? '0123456789X' : '0123456789';
      const idx = alphabet.indexOf(id[pos]);
      const replacement = alphabet[(idx + delta) % alphabet.length];
      if (replacement === id[pos]) return true;
      return !isValidIdCard18(id.slice(0, pos) + replacement + id.slice(pos + 1), YEAR);
    }),
    { numRuns: 2000 },
  );
});

test('any adjacent transposition of different digits is rejected', () => {
  fc.assert(
    fc.property(validId, fc.integer({ min: 0, max: 16 }), (id, pos) => {
      if (id[pos] === id[pos + 1]) return true;
      const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
      return !isValidIdCard18(swapped, YEAR);
    }),
    { numRuns: 2000 },
  );
});

test('a correct check digit does not rescue an impossible date or region', () => {
  const withCheck = (s: string): string => s + idCardCheckDigit(s);
  assert.equal(isValidIdCard18(withCheck('37030519900230123'), YEAR), false); // 2月30日
  assert.equal(isValidIdCard18(withCheck('37030519001301123'), YEAR), false); // month 13
  assert.equal(isValidIdCard18(withCheck('37030518991231123'), YEAR), false); // before 1900
  assert.equal(isValidIdCard18(withCheck('37030520270101123'), YEAR), false); // future year
  assert.equal(isValidIdCard18(withCheck('37030520000229123'), YEAR), true); // leap day 2000
  assert.equal(isValidIdCard18(withCheck('37030519000229123'), YEAR), false); // 1900 not leap
  assert.equal(isValidIdCard18(withCheck('99030519900101123'), YEAR), false); // province 99
  assert.equal(isValidIdCard18(withCheck('37000019900101123'), YEAR), false); // city 00
  assert.equal(isValidIdCard18(withCheck('11370519900101123'), YEAR), false); // Beijing has no city 37
  assert.equal(isValidIdCard18(withCheck('91370319900101123'), YEAR), false); // credit-code prefix 91
});

test('region plausibility', () => {
  for (const ok of ['370305', '110101', '500235', '469001', '810000', '710000', '372301', '429004']) {
    assert.equal(isPlausibleRegion(ok), true, ok);
  }
  for (const bad of ['000000', '100000', '370005', '113705', '810101', '378005', '12345', 'abcdef']) {
    assert.equal(isPlausibleRegion(bad), false, bad);
  }
});

test('birth dates', () => {
  assert.equal(isValidBirthDate(2024, 2, 29, 2026), true);
  assert.equal(isValidBirthDate(2023, 2, 29, 2026), false);
  assert.equal(isValidBirthDate(2023, 4, 31, 2026), false);
  assert.equal(isValidBirthDate(2023, 12, 31, 2022), false);
});

test('15-digit numbers: region and YYMMDD only', () => {
  assert.equal(isPlausibleIdCard15('370305620814123'), true);
  assert.equal(isPlausibleIdCard15('370305621314123'), false);
  assert.equal(isPlausibleIdCard15('370305620230123'), false);
  assert.equal(isPlausibleIdCard15('990305620814123'), false);
  assert.equal(isPlausibleIdCard15('37030562081412'), false);
});

test('luhn', () => {
  assert.equal(luhnValid('4111111111111111'), true);
  assert.equal(luhnValid('4111111111111112'), false);
  assert.equal(luhnValid('79927398713'), true);
  assert.equal(luhnValid('12ab'), false);
  assert.equal(luhnCheckDigit('622202123456789012'), '8');
  fc.assert(
    fc.property(fc.stringMatching(/^62\d{14,17}$/), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 9 }), (payload, at, delta) => {
      const card = payload + luhnCheckDigit(payload);
      const pos = at % card.length;
      const changed = card.slice(0, pos) + String((Number(card[pos]) + delta) % 10) + card.slice(pos + 1);
      return luhnValid(card) && !luhnValid(changed);
    }),
    { numRuns: 1000 },
  );
});
