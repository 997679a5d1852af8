import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Fonts the documents name but a Linux machine lacks (the official 仿宋_GB2312, 宋体, 黑体 come with
 * Windows and WPS), mapped to the Noto CJK fonts Debian ships, so the rendering shows serif body text as
 * the office would see it rather than whatever fontconfig picks first.
 */
const fontAliases = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>Times New Roman</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
`;

async function requireTool(command: string, what: string): Promise<void> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
  } catch {
    throw new Error(`${command} is missing: install ${what} (CI installs it); this test does not skip`);
  }
}

/**
 * Converts a .docx to PDF with LibreOffice headless (a real reader of Word files) in a profile of its
 * own, then renders page 1 (and, if asked, the last page) to PNG with pdftoppm. Returns the PDF's bytes and text (pdftotext).
 */
export async function renderWithLibreOffice(
  docx: Uint8Array,
  pngPath: string,
  lastPagePngPath?: string,
): Promise<{ pdf: Uint8Array; text: string; pages: number; pageSizePoints: string }> {
  await requireTool('soffice', 'LibreOffice Writer (Debian: libreoffice-writer-nogui)');
  await requireTool('pdftoppm', 'poppler-utils');
  const folder = mkdtempSync(join(tmpdir(), 'feisutong-soffice-'));
  try {
    writeFileSync(join(folder, 'fonts.conf'), fontAliases);
    const input = join(folder, 'document.docx');
    writeFileSync(input, docx);
    const environment = { ...process.env, FONTCONFIG_FILE: join(folder, 'fonts.conf'), HOME: folder };
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(folder, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        folder,
        input,
      ],
      { env: environment, timeout: 120_000 },
    );
    const pdfPath = join(folder, 'document.pdf');
    const pdf = readFileSync(pdfPath);
    mkdirSync(join(pngPath, '..'), { recursive: true });
    const { stdout: info } = await run('pdfinfo', [pdfPath]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const renderPage = (page: number, path: string) =>
      run(
        'pdftoppm',
        [
          '-png',
          '-r',
          '110',
          '-f',
          `${page}`,
          '-l',
          `${page}`,
          '-singlefile',
          pdfPath,
          path.replace(/\.png$/, ''),
        ],
        {
          env: environment,
        },
      );
    await renderPage(1, pngPath);
    if (lastPagePngPath) await renderPage(pages, lastPagePngPath);
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-'], { maxBuffer: 10_000_000 });
    return {
      pdf,
      text,
      pages,
      pageSizePoints: /^Page size:\s+(.+)$/m.exec(info)?.[1]?.trim() ?? '',
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
