import path from 'node:path';
import ts from 'typescript';

describe('dashboard front end', () => {
  it('type-checks against the DOM library (tsconfig.dashboard.json)', () => {
    const file = path.resolve(__dirname, '../../tsconfig.dashboard.json');
    const { config } = ts.readConfigFile(file, (name) => ts.sys.readFile(name)) as { config: unknown };
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(file));
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 60_000);
});
