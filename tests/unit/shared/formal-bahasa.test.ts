import { describe, expect, it } from 'vitest';
import { INFORMAL_WORDS, applyAllHints, applyHint, findInformal } from '../../../src/shared/formal-bahasa.js';

const forms = (text: string) => findInformal(text).map((h) => `${h.word}→${h.formal}`);

describe('formal Bahasa hints', () => {
  it('flags informal words with their standard form', () => {
    expect(forms('saya udah kirim')).toEqual(['udah→sudah']);
    expect(forms('Gimana kalo besok aja? Makasih banget')).toEqual(['Gimana→Bagaimana', 'kalo→kalau', 'aja→saja', 'Makasih→Terima kasih', 'banget→sangat']);
    expect(forms('nggak, gak, ga, tau, emang, trus, bikin, gitu')).toEqual(
      ['nggak→tidak', 'gak→tidak', 'ga→tidak', 'tau→tahu', 'emang→memang', 'trus→lalu', 'bikin→membuat', 'gitu→begitu']);
  });

  it('matches whole words only: no hit inside another word', () => {
    expect(forms('harga tahun gajah kokoh tautan udahan pagar Gakko')).toEqual([]);
    expect(forms('Pesanan dikirim hari ini.')).toEqual([]);
  });

  it('skips placeholders, e-mail addresses, paths and hyphenated words', () => {
    expect(forms('Yth. {{aja}} kirim ke aja@contoh.co.id atau /ga/ dan ga-ga')).toEqual([]);
  });

  it('keeps the case of the word, and writes "Anda" as it is', () => {
    expect(forms('UDAH Udah udah kamu')).toEqual(['UDAH→SUDAH', 'Udah→Sudah', 'udah→sudah', 'kamu→Anda']);
  });

  it('finds words next to punctuation and in other scripts\' company', () => {
    expect(forms('(udah),"aja"!\nkalo…')).toEqual(['udah→sudah', 'aja→saja', 'kalo→kalau']);
    expect(forms('日本 udah ✓')).toEqual(['udah→sudah']);
  });

  it('replaces one hint, or all of them', () => {
    const text = 'saya udah kirim dong, makasih';
    const hints = findInformal(text);
    expect(applyHint(text, hints[0]!)).toBe('saya sudah kirim dong, makasih');
    expect(applyAllHints(text, hints)).toBe('saya sudah kirim, terima kasih');
  });

  it('removes a particle with one space beside it', () => {
    const [hint] = findInformal('kirim dong ya');
    expect(applyHint('kirim dong ya', hint!)).toBe('kirim ya');
    const [first] = findInformal('dong kirim');
    expect(applyHint('dong kirim', first!)).toBe('kirim');
  });

  it('changes nothing when the text moved on since the hint was found', () => {
    const [hint] = findInformal('saya udah kirim');
    expect(applyHint('saya sudah kirim', hint!)).toBe('saya sudah kirim');
  });

  it('has a lower-case list with no word mapped to itself', () => {
    for (const [informal, formal] of Object.entries(INFORMAL_WORDS)) {
      expect(informal).toBe(informal.toLowerCase());
      expect(formal.toLowerCase()).not.toBe(informal);
    }
  });

  it('handles empty and long text', () => {
    expect(findInformal('')).toEqual([]);
    const long = 'saya udah kirim. '.repeat(20_000);
    expect(findInformal(long)).toHaveLength(20_000);
  });
});
