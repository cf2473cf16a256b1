/**
 * Unique fictitious ID numbers by construction.
 *
 * For each (address code, birth day, sex) cell a counter k counts the numbers handed out; the
 * k-th number's sequence code is a fixed permutation of k over the codes of the right parity
 * (odd 001–999 for men: 500 codes; even 002–998 for women: 499 codes), so two people in the
 * same cell never share a sequence code and people in different cells differ in address or
 * birth date. A full cell moves the birth date one day earlier. Counters live in one
 * Uint16Array per address code (≈184 KB each for 1900-01-01..2026), so memory stays bounded
 * whatever the number of persons.
 */
import { checkCharacter } from '../domain/id-number.js';
import { hash32 } from './random.js';

const MALE_CODES = 500; // 001, 003, …, 999
const FEMALE_CODES = 499; // 002, 004, …, 998
const STRIDE = 211; // prime, coprime with 500 and 499: k ↦ (offset + k·STRIDE) mod n is a bijection
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1900, 0, 1);

/** Days since 1900-01-01 of a YYYY-MM-DD date. */
export function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_MS) / DAY_MS);
}

/** YYYY-MM-DD of a day number (proleptic Gregorian arithmetic, no Date objects: this runs per person). */
export function isoDate(day: number): string {
  const { year, month, dayOfMonth } = civilFromDays(day);
  return `${year}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

export function yearOf(day: number): number {
  return civilFromDays(day).year;
}

const DAYS_1900_TO_0000_03_01 = 693_901; // days from 0000-03-01 to 1900-01-01

/** H. Hinnant's civil_from_days, counting from 1900-01-01. */
function civilFromDays(day: number): { year: number; month: number; dayOfMonth: number } {
  const z = day + DAYS_1900_TO_0000_03_01;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

export interface AllocatedId {
  id_number: string;
  birth_day: number;
}

export class IdAllocator {
  private readonly counters = new Map<string, Uint16Array>();
  private readonly salt: number;

  /** `lastDay`: the day number of the as-of date; no birth date may be later. */
  constructor(
    private readonly lastDay: number,
    seed: number,
  ) {
    this.salt = hash32(seed ^ 0x5bd1e995);
  }

  /** A number for a person with this address code, wished-for birth day and sex. */
  allocate(addressCode: string, birthDay: number, male: boolean): AllocatedId {
    const cells = this.cellsOf(addressCode);
    const capacity = male ? MALE_CODES : FEMALE_CODES;
    let day = Math.min(Math.max(birthDay, 0), this.lastDay);
    for (let tries = 0; cells[day * 2 + (male ? 1 : 0)] >= capacity; tries++) {
      if (tries > this.lastDay) throw new Error(`no ID numbers left for address code ${addressCode}`);
      day = day > 0 ? day - 1 : this.lastDay;
    }
    const cell = day * 2 + (male ? 1 : 0);
    const k = cells[cell]++;
    const offset = hash32(this.salt ^ Math.imul(cell, 0x9e3779b1) ^ Number(addressCode)) % capacity;
    const slot = (offset + k * STRIDE) % capacity;
    const sequence = male ? 2 * slot + 1 : 2 * slot + 2;
    const first17 = addressCode + compactDate(day) + String(sequence).padStart(3, '0');
    return { id_number: first17 + checkCharacter(first17), birth_day: day };
  }

  private cellsOf(addressCode: string): Uint16Array {
    let cells = this.counters.get(addressCode);
    if (!cells) {
      cells = new Uint16Array((this.lastDay + 1) * 2);
      this.counters.set(addressCode, cells);
    }
    return cells;
  }
}

function compactDate(day: number): string {
  const { year, month, dayOfMonth } = civilFromDays(day);
  return `${year}${month < 10 ? '0' : ''}${month}${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}
