import { describe, expect, test } from 'vitest';
import { TOKEN_PATTERN, hashPassword, hashToken, newToken, passwordProblem, verifyPassword } from './secrets';

describe('passwords and tokens at rest', () => {
  test('a password verifies against its bcrypt hash only', async () => {
    const hash = await hashPassword('mat-khau-766');
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await verifyPassword('mat-khau-766', hash)).toBe(true);
    expect(await verifyPassword('mat-khau-767', hash)).toBe(false);
    expect(await verifyPassword('mat-khau-766', null)).toBe(false);
  });

  test('weak passwords are explained', () => {
    expect(passwordProblem('ngan1')).toBe('Mật khẩu cần ít nhất 8 ký tự.');
    expect(passwordProblem('chichuthoi')).toBe('Mật khẩu cần có cả chữ và số.');
    expect(passwordProblem('demo-766-kontum')).toBeNull();
  });

  test('tokens are random, well-formed, and stored as a sha256 that does not reveal them', () => {
    const a = newToken();
    const b = newToken();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(a).not.toBe(b);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toContain(a.slice(5));
  });
});
