import { describe, expect, test } from 'vitest';
import { CSV_BOM, csvCell, csvLine } from './csv';

describe('CSV for Excel', () => {
  test.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+84 123', "'+84 123"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['Nguyễn Văn A', 'Nguyễn Văn A'],
    ['a, b', '"a, b"'],
    ['a; b', '"a; b"'],
    ['hai\ndòng', '"hai\ndòng"'],
    ['', ''],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  test('numbers stay numbers (a negative one is neutralised like text), nothing is empty', () => {
    expect(csvLine([12, null, undefined, 0])).toBe('12,,,0\r\n');
    expect(csvCell(-3)).toBe("'-3");
  });

  test('the BOM makes Excel read UTF-8', () => {
    expect(CSV_BOM).toBe('\uFEFF');
  });
});
