import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors';
import { codeText, hasCodeText, learnCodeTexts, type LocalErrorCode } from './code-text';
import { CODE_TEXTS, textsForCodesIn } from './code-text-table';
import type { MessageErrorCode } from './messages';

// A Record over the union: adding a message code without listing it here fails type-checking.
const MESSAGE_CODE_SET: Record<MessageErrorCode | LocalErrorCode, true> = {
  MSG_MALFORMED: true,
  MSG_UNKNOWN_TYPE: true,
  MSG_FORBIDDEN_SENDER: true,
  MSG_BAD_PACKAGE: true,
  MSG_NOT_A_PACKAGE_PAGE: true,
  MSG_INTERNAL: true,
  WORKER_UNREACHABLE: true,
};
const MESSAGE_CODES = Object.keys(MESSAGE_CODE_SET);

describe('codeText', () => {
  it.each([...ERROR_CODES, ...MESSAGE_CODES])('explains %s in one plain sentence', (code) => {
    expect(hasCodeText(code)).toBe(true);
    const text = codeText(code);
    expect(text).toMatch(/^[A-Z].*[.!]$/);
    expect(text).not.toContain(code);
  });

  it('says trust-material gaps are an update problem, not a failed check', () => {
    for (const code of ERROR_CODES.filter((c) => c.startsWith('TRUST_UNKNOWN'))) expect(codeText(code)).toMatch(/update/);
  });

  it('gives every code its own sentence', () => {
    const texts = [...ERROR_CODES, ...MESSAGE_CODES].map(codeText);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('has a generic sentence for codes it does not know, including prototype names', () => {
    expect(hasCodeText('toString')).toBe(false);
    expect(codeText('toString')).toBe('The check could not be completed.');
    expect(codeText('NEW_CODE')).toBe('The check could not be completed.');
  });
});

describe('textsForCodesIn', () => {
  it('collects the sentence for each known code anywhere in a reply, and nothing else', () => {
    const reply = {
      ok: true,
      value: [
        { ok: true, value: { status: 'invalid', code: 'SUBJECT_DIGEST', files: [{ verdict: { status: 'unavailable', code: 'FETCH_TIMEOUT' } }] } },
        { ok: false, code: 'MSG_BAD_PACKAGE', message: 'code: PARSE_JSON is only text here' },
        { ok: true, value: { status: 'invalid', code: 'NOT_A_REAL_CODE' } },
      ],
    };
    expect(textsForCodesIn(reply)).toEqual({
      SUBJECT_DIGEST: CODE_TEXTS.SUBJECT_DIGEST,
      FETCH_TIMEOUT: CODE_TEXTS.FETCH_TIMEOUT,
      MSG_BAD_PACKAGE: CODE_TEXTS.MSG_BAD_PACKAGE,
    });
    expect(textsForCodesIn({ ok: true, value: { status: 'verified' } })).toEqual({});
  });
});

describe('learnCodeTexts', () => {
  it('takes only code-shaped keys with short sentences', () => {
    learnCodeTexts({ LENS_TEST_CODE: 'Fine.', lens_test: 'No.', LENS_TEST_LONG: 'x'.repeat(301), LENS_TEST_NUMBER: 3 });
    expect(codeText('LENS_TEST_CODE')).toBe('Fine.');
    expect(['lens_test', 'LENS_TEST_LONG', 'LENS_TEST_NUMBER'].map(hasCodeText)).toEqual([false, false, false]);
  });
});
