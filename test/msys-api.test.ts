import { describe, expect, test } from 'vitest';
import { MAX_CAMPAIGN_ID_BYTES, ParseMsysApiError, parseMsysApiHeader } from '../src/decoders/msys-api';

/** The error a value throws (fails the test when it does not throw one). */
function errorOf(value: string): ParseMsysApiError {
  try {
    parseMsysApiHeader(value);
  } catch (err) {
    expect(err).toBeInstanceOf(ParseMsysApiError);
    return err as ParseMsysApiError;
  }
  throw new Error(`no error for ${JSON.stringify(value)}`);
}

describe('parseMsysApiHeader', () => {
  test('the documented header: campaign, metadata, tags, options', () => {
    const value =
      '{"campaign_id": "my_campaign", "metadata": {"has_pets": true, "pet_name": "Spot"}, "tags": ["cat", "dog"], ' +
      '"options": {"open_tracking": false, "click_tracking": true, "transactional": false, "sandbox": false, ' +
      '"skip_suppression": false, "ip_pool": "sp_shared", "inline_css": false}}';
    expect(parseMsysApiHeader(value)).toEqual({
      campaign_id: 'my_campaign',
      metadata: { has_pets: true, pet_name: 'Spot' },
      tags: ['cat', 'dog'],
      options: {
        open_tracking: false,
        click_tracking: true,
        transactional: false,
        sandbox: false,
        skip_suppression: false,
        ip_pool: 'sp_shared',
        inline_css: false,
      },
    });
  });

  test('every key is optional', () => {
    expect(parseMsysApiHeader('{}')).toEqual({});
    expect(parseMsysApiHeader('{"tags": []}')).toEqual({ tags: [] });
  });

  test('unknown keys (cc, bcc, archive, …) and unknown options are kept as sent', () => {
    const value = '{"cc": [{"email": "a@example.com"}], "substitution_data": {"x": 1}, "options": {"future": 3}}';
    expect(parseMsysApiHeader(value)).toEqual({
      cc: [{ email: 'a@example.com' }],
      substitution_data: { x: 1 },
      options: { future: 3 },
    });
  });

  test('folded with CRLF + space and LF + tab: unfolds to single spaces before parsing', () => {
    const value = '{"campaign_id": "spring\r\n sale",\r\n "tags": ["a",\n\t"b"],\r\n\t \t"metadata": {"k":\n "v"}}';
    expect(parseMsysApiHeader(value)).toEqual({ campaign_id: 'spring sale', tags: ['a', 'b'], metadata: { k: 'v' } });
  });

  test('\\r\\n escapes inside a JSON string are text, not folding', () => {
    expect(parseMsysApiHeader('{"metadata": {"note": "line1\\r\\n line2"}}')).toEqual({
      metadata: { note: 'line1\r\n line2' },
    });
  });

  test('leading and trailing whitespace and a trailing CRLF are ignored', () => {
    expect(parseMsysApiHeader(' \t{"campaign_id": "c"}\r\n')).toEqual({ campaign_id: 'c' });
  });

  test('campaign_id of exactly 64 bytes, multi-byte characters counted in UTF-8 bytes', () => {
    const ascii = 'x'.repeat(64);
    expect(parseMsysApiHeader(JSON.stringify({ campaign_id: ascii }))).toEqual({ campaign_id: ascii });
    const accented = 'é'.repeat(32); // 32 characters, 64 bytes
    expect(parseMsysApiHeader(JSON.stringify({ campaign_id: accented }))).toEqual({ campaign_id: accented });
  });

  test('campaign_id over 64 bytes is refused, not truncated', () => {
    expect(MAX_CAMPAIGN_ID_BYTES).toBe(64);
    const err = errorOf(JSON.stringify({ campaign_id: 'x'.repeat(65) }));
    expect(err.message).toBe('X-MSYS-API header: campaign_id is 65 bytes long, the limit is 64');
    expect(err.key).toBe('campaign_id');
    // 33 two-byte characters: 33 characters, 66 bytes.
    expect(errorOf(JSON.stringify({ campaign_id: 'é'.repeat(33) })).message).toBe(
      'X-MSYS-API header: campaign_id is 66 bytes long, the limit is 64',
    );
  });

  test.each([
    ['{"campaign_id": 42}', 'campaign_id', 'campaign_id must be a string, found a number (42)'],
    ['{"campaign_id": null}', 'campaign_id', 'campaign_id must be a string, found null'],
    ['{"metadata": ["a"]}', 'metadata', 'metadata must be an object, found an array'],
    ['{"metadata": "k=v"}', 'metadata', 'metadata must be an object, found a string ("k=v")'],
    ['{"metadata": null}', 'metadata', 'metadata must be an object, found null'],
    ['{"tags": "cat"}', 'tags', 'tags must be an array of strings, found a string ("cat")'],
    ['{"tags": ["cat", 7]}', 'tags[1]', 'tags[1] must be a string, found a number (7)'],
    ['{"tags": {"0": "cat"}}', 'tags', 'tags must be an array of strings, found an object'],
    ['{"options": true}', 'options', 'options must be an object, found a boolean (true)'],
    [
      '{"options": {"open_tracking": "true"}}',
      'options.open_tracking',
      'options.open_tracking must be true or false, found a string ("true")',
    ],
    ['{"options": {"click_tracking": 1}}', 'options.click_tracking', 'options.click_tracking must be true or false, found a number (1)'],
    ['{"options": {"sandbox": null}}', 'options.sandbox', 'options.sandbox must be true or false, found null'],
    ['{"options": {"ip_pool": 5}}', 'options.ip_pool', 'options.ip_pool must be a string, found a number (5)'],
  ])('wrong type: %s', (value, key, message) => {
    const err = errorOf(value);
    expect(err.key).toBe(key);
    expect(err.message).toBe(`X-MSYS-API header: ${message}`);
  });

  test('a long wrong value is shortened in the message', () => {
    const err = errorOf(JSON.stringify({ metadata: 'v'.repeat(100) }));
    expect(err.message).toBe(`X-MSYS-API header: metadata must be an object, found a string ("${'v'.repeat(39)}…)`);
  });

  test.each([
    ['[1, 2]', 'expected a JSON object, found an array'],
    ['"campaign"', 'expected a JSON object, found a string ("campaign")'],
    ['null', 'expected a JSON object, found null'],
  ])('not an object: %s', (value, message) => {
    const err = errorOf(value);
    expect(err.key).toBeNull();
    expect(err.message).toBe(`X-MSYS-API header: ${message}`);
  });

  test('empty or blank value', () => {
    expect(errorOf('').message).toBe('X-MSYS-API header: the value is empty');
    expect(errorOf(' \r\n ').message).toBe('X-MSYS-API header: the value is empty');
  });

  test('invalid JSON: the parser’s reason is kept', () => {
    const err = errorOf('{"campaign_id": "a",}');
    expect(err.key).toBeNull();
    expect(err.message).toMatch(/^X-MSYS-API header: not valid JSON \(.+\)$/);
    expect(err.name).toBe('ParseMsysApiError');
  });

  test('a raw line break that is not folding (no whitespace after it) inside a string is invalid JSON', () => {
    expect(errorOf('{"campaign_id": "a\r\nb"}').message).toMatch(/^X-MSYS-API header: not valid JSON/);
  });
});
