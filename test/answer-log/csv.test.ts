import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/answer-log/csv.js';

describe('toCsv', () => {
  it('quotes every cell per RFC 4180 (quotes doubled, line breaks kept inside), CRLF between records, with a BOM', () => {
    expect(toCsv(['a', 'b'], [['x "y"', 'line\nbreak'], [1.5, null], [true, 'z']])).toBe('\uFEFF"a","b"\r\n"x ""y""","line\nbreak"\r\n"1.5",""\r\n"true","z"\r\n');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['＝１＋１', `"'＝１＋１"`],
    ['予算 =1', '"予算 =1"'],
  ])('makes %j inert for spreadsheets', (value, cell) => {
    expect(toCsv(['v'], [[value]]).split('\r\n')[1]).toBe(cell);
  });
});
