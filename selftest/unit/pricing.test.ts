// Does the pricing rule round like the contract says?
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { priceOf, nightsBetween, toCents, fromCents } from '../../src/contract/pricing.ts';

test('hotel price: 599.99 × 2 nights × 1 room, 10 % tax', () => {
  assert.deepEqual(priceOf({ unitPrice: '599.99', nights: 2, units: 1 }), { subtotal: '1199.98', tax: '120.00', total: '1319.98' });
});

test('tax rounds half up to the cent', () => {
  assert.deepEqual(priceOf({ unitPrice: '0.05', nights: 1, units: 1 }), { subtotal: '0.05', tax: '0.01', total: '0.06' });
});

test('cents round-trip and reject garbage', () => {
  assert.equal(fromCents(toCents('2499.99')), '2499.99');
  assert.equal(toCents('3.5'), 350);
  assert.throws(() => toCents('12,00'), /not a decimal/);
});

test('nights between dates', () => {
  assert.equal(nightsBetween('2026-12-01', '2026-12-04'), 3);
});

test('money is a number or a decimal string, compared in cents after rounding', () => {
  assert.equal(toCents(1319.98), 131998);
  assert.equal(toCents('1319.98'), toCents(1319.98));
  assert.equal(toCents(119.998), 12000);
  assert.equal(toCents(0.285), 29);
  assert.equal(toCents(-12.5), -1250);
  assert.deepEqual(priceOf({ unitPrice: 599.99, nights: 2, units: 1 }), priceOf({ unitPrice: '599.99', nights: 2, units: 1 }));
  assert.throws(() => toCents(Number.NaN), /not a decimal/);
});
