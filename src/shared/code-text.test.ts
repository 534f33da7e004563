import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors';
import { codeText, hasCodeText } from './code-text';

const MESSAGE_CODES = ['MSG_MALFORMED', 'MSG_UNKNOWN_TYPE', 'MSG_FORBIDDEN_SENDER', 'MSG_BAD_PACKAGE', 'MSG_NOT_A_PACKAGE_PAGE', 'MSG_INTERNAL'];

describe('codeText', () => {
  it.each([...ERROR_CODES, ...MESSAGE_CODES, 'WORKER_UNREACHABLE'])('explains %s in one plain sentence', (code) => {
    expect(hasCodeText(code)).toBe(true);
    const text = codeText(code);
    expect(text).toMatch(/^[A-Z].*[.!]$/);
    expect(text).not.toContain(code);
  });

  it('says trust-material gaps are an update problem, not a failed check', () => {
    for (const code of ERROR_CODES.filter((c) => c.startsWith('TRUST_UNKNOWN'))) expect(codeText(code)).toMatch(/update/);
  });

  it('has a generic sentence for codes it does not know, including prototype names', () => {
    expect(hasCodeText('toString')).toBe(false);
    expect(codeText('toString')).toBe('The check could not be completed.');
    expect(codeText('NEW_CODE')).toBe('The check could not be completed.');
  });
});
