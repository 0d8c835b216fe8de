import { deflateSync } from 'node:zlib';
import { detectFileType } from '../../../src/evidence/detect-file-type';
import { sanitiseFileName } from '../../../src/evidence/sanitise-file-name';

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(16)]);

describe('a file is what its bytes say', () => {
  test.each([
    ['PNG', png, 'png'],
    ['JPEG', Buffer.from('ffd8ffe000104a4649460001', 'hex'), 'jpeg'],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'pdf'],
    ['ZIP (a .docx too)', Buffer.from('504b03041400000008000000', 'hex'), 'zip'],
    ['gzip', Buffer.concat([Buffer.from('1f8b0800000000000003', 'hex'), deflateSync('x')]), 'gzip'],
    ['a log', Buffer.from('2026-12-01 10:00:01 ERROR login failed for admin\n'), 'text'],
    ['Russian text with a BOM', Buffer.from('\ufeffошибка входа\r\n'), 'text'],
    ['JSON', Buffer.from('{"request":{"url":"/admin"}}'), 'json'],
    ['XML is text', Buffer.from('<?xml version="1.0"?><a/>'), 'text'],
  ])('%s', (_name, bytes, kind) => {
    expect(detectFileType(bytes).kind).toBe(kind);
  });

  test.each([
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)])],
    ['a Linux program', Buffer.from('7f454c46020101000000000000000000', 'hex')],
    ['a Mach-O program', Buffer.from('cffaedfe0700000100000000', 'hex')],
  ])('%s is an executable, whatever it is called', (_name, bytes) => {
    expect(detectFileType(bytes).kind).toBe('executable');
  });

  test('binary data nobody can name is unknown', () => {
    expect(detectFileType(Buffer.from([0, 159, 146, 150, 1, 2, 3])).kind).toBe('unknown');
  });
});

describe('file names are made safe to show and to save', () => {
  test.each([
    ['report.log', 'text', 'report.log'],
    ['../../etc/passwd', 'text', 'passwd.txt'],
    ['C:\\Users\\alex\\shot.png', 'png', 'shot.png'],
    ['invoice.exe', 'png', 'invoice.exe.png'],
    ['poc.sh', 'text', 'poc.sh.txt'],
    ['evil\u202egnp.exe', 'png', 'evilgnp.exe.png'],
    ['  ...hidden  ', 'text', 'hidden.txt'],
    ['a<b>:c|d?.json', 'json', 'a_b__c_d_.json'],
    ['', 'png', 'image.png'],
  ] as const)('%j as %s → %j', (raw, kind, safe) => {
    expect(sanitiseFileName(raw, kind, 'image')).toBe(safe);
  });

  test('a long name is cut to 120 characters and keeps its extension', () => {
    const name = sanitiseFileName(`${'я'.repeat(300)}.log`, 'text', 'file');
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.log')).toBe(true);
  });
});
