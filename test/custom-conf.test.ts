import { describe, expect, test } from 'vitest';
import { parse } from '../src/index';
import { compileFormats, CustomConfigError, readCustomLoggerConfig } from '../src/decoders/custom/index';
import { BACKENDS } from './backends';
import { SPEC } from './fixtures';

const CONF = `# ecelerity.conf (excerpt)
Spool_Base = "/var/spool/ecelerity"
ESMTP_Listener {
  Listen ":25" {
    Relay_Hosts = ( "127.0.0.0/8" "10.0.0.0/8" )
  }
}

custom_logger "custom_logger1"
{
  mainlog = "/var/log/ecelerity/custom_mainlog.ec"   # every stage in one file
  reception_format = "%t@%i@%BI@%CI@R@%r@%R@%m@%M@%H@%B@%p@%g@%b"
  delivery_format = "%t@%i@%BI@%CI@D@%d@%B@%g@%b@%N@%T@%H"
  transient_failure_format = "%t@%i@%BI@%CI@T@%d@0@%g@%b@%S@%N@%T@%H@%n"
  permanent_failure_format = "%t@%i@%BI@%CI@P@%d@0@%g@%b@%S@%N@%T@%H@%n"
  concurrency = 2
}

custom_logger "json_tail" { delivery_logfile = "/var/log/ecelerity/d.log" delivery_format = "%t \\"%n\\" #%i\\t%h{X-Job}" }
`;

describe('readCustomLoggerConfig', () => {
  test('finds the stanzas among others: name, line, options, formats (un-escaped)', () => {
    expect(readCustomLoggerConfig(CONF)).toEqual([
      {
        name: 'custom_logger1',
        line: 9,
        options: { mainlog: '/var/log/ecelerity/custom_mainlog.ec', concurrency: '2' },
        formats: {
          reception_format: '%t@%i@%BI@%CI@R@%r@%R@%m@%M@%H@%B@%p@%g@%b',
          delivery_format: '%t@%i@%BI@%CI@D@%d@%B@%g@%b@%N@%T@%H',
          transient_failure_format: '%t@%i@%BI@%CI@T@%d@0@%g@%b@%S@%N@%T@%H@%n',
          permanent_failure_format: '%t@%i@%BI@%CI@P@%d@0@%g@%b@%S@%N@%T@%H@%n',
        },
      },
      {
        name: 'json_tail',
        line: 19,
        options: { delivery_logfile: '/var/log/ecelerity/d.log' },
        formats: { delivery_format: '%t "%n" #%i\t%h{X-Job}' },
      },
    ]);
  });

  test.each(BACKENDS)('compileFormats(stanza.formats) reads a file written with them (%s backend)', (backend) => {
    const [stanza] = readCustomLoggerConfig(CONF);
    const log = compileFormats(stanza!.formats);
    const evs = [...parse(Buffer.from(`${SPEC.mainlogR}\n${SPEC.mainlogD}\n`), { log, backend })];
    expect(evs.map((e) => [e.type, e.log])).toEqual([
      ['reception', 'custom'],
      ['delivery', 'custom'],
    ]);
  });

  test('escapes \\" \\\\ \\n \\t \\r; any other backslash is kept', () => {
    const [s] = readCustomLoggerConfig('custom_logger "x" { a = "q\\"b\\\\s\\nn\\tt\\rr\\%x" }');
    expect(s!.options).toEqual({ a: 'q"b\\s\nn\tt\rr\\%x' });
  });

  test('whitespace, newlines, comments and case variations', () => {
    const text = [
      '  CUSTOM_LOGGER',
      '\t"c1"   # the name',
      '{',
      '  Delivery_Format="%t@%i"  Heartbeat',
      '   =',
      '  60',
      '  # reception_format = "%t"',
      '  note = "a # is no comment inside quotes"',
      '}',
      'custom_logger {}',
    ].join('\r\n');
    expect(readCustomLoggerConfig(text)).toEqual([
      { name: 'c1', line: 1, options: { heartbeat: '60', note: 'a # is no comment inside quotes' }, formats: { delivery_format: '%t@%i' } },
      { name: null, line: 10, options: {}, formats: {} },
    ]);
  });

  test('bare-word names and list values', () => {
    expect(readCustomLoggerConfig('custom_logger c2 { files = ( "a" b ) }')).toEqual([
      { name: 'c2', line: 1, options: { files: 'a b' }, formats: {} },
    ]);
  });

  test('a config without custom_logger stanzas (the word as a value is no stanza)', () => {
    expect(readCustomLoggerConfig('ec_logger { mainlog = "/var/log/ecelerity/mainlog.ec" }\n')).toEqual([]);
    expect(readCustomLoggerConfig('logger = custom_logger\nx {\n}\n')).toEqual([]);
  });
});

describe('readCustomLoggerConfig errors (with line numbers)', () => {
  const error = (text: string) => {
    try {
      readCustomLoggerConfig(text);
    } catch (e) {
      expect(e).toBeInstanceOf(CustomConfigError);
      return (e as Error).message;
    }
    throw new Error('read without error');
  };

  test('unterminated string: the line it starts on', () => {
    expect(error('a = 1\ncustom_logger "x" {\n  delivery_format = "%t@%i\n}\n')).toBe('line 3: unterminated string');
  });

  test('a quote missing before the next option: strings end on their line', () => {
    expect(error('custom_logger "x" {\n  delivery_format = "%t@%i\n  mainlog = "/m"\n}\n')).toBe('line 2: unterminated string');
  });

  test('an unclosed custom_logger stanza', () => {
    expect(error('\ncustom_logger "x" {\n  delivery_format = "%t"\n')).toBe('line 2: "{" of custom_logger "x" is never closed');
  });

  test('an unclosed or unexpected brace elsewhere', () => {
    expect(error('a {\n  b {\n  }\n')).toBe('line 1: "{" is never closed');
    expect(error('a {\n}\n}\n')).toBe('line 3: unexpected "}"');
  });

  test('an entry that is not key = value', () => {
    expect(error('custom_logger "x" {\n  delivery_format "%t"\n}')).toBe(
      'line 2: expected "=" after delivery_format in custom_logger "x", found "%t"',
    );
    expect(error('custom_logger "x" {\n  delivery_format =\n}')).toBe(
      'line 3: expected a value for delivery_format in custom_logger "x", found "}"',
    );
    expect(error('custom_logger "x" {\n  = "a"\n}')).toBe('line 2: expected an option name in custom_logger "x", found "="');
    expect(error('custom_logger "x" {\n  a = ( "b" {\n}')).toBe('line 2: unexpected "{" in the list of a');
  });

  test('an option given twice', () => {
    expect(error('custom_logger "x" {\n  delivery_format = "%t"\n  DELIVERY_FORMAT = "%i"\n}')).toBe(
      'line 3: delivery_format is given twice in custom_logger "x"',
    );
  });
});
