// Lists expression statements whose value is a Promise that nobody awaits, returns, voids or
// catches: after the store port became asynchronous, such a call would silently lose writes.
// Usage: node scripts/find-floating-promises.mjs (exit 1 when any is found).
import ts from 'typescript';

const configPath = ts.findConfigFile(process.cwd(), ts.sys.fileExists, 'tsconfig.json');
const parsed = ts.getParsedCommandLineOfConfigFile(
  configPath,
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();
let found = 0;

function isPromise(type) {
  if (type.isUnion()) return type.types.some(isPromise);
  const symbol = type.getSymbol();
  return symbol?.getName() === 'Promise';
}

for (const source of program.getSourceFiles()) {
  if (source.isDeclarationFile || source.fileName.includes('node_modules')) continue;
  const visit = (node) => {
    if (ts.isExpressionStatement(node)) {
      const expr = node.expression;
      const unwrapped = ts.isParenthesizedExpression(expr) ? expr.expression : expr;
      if (
        !ts.isAwaitExpression(unwrapped) &&
        !ts.isVoidExpression(unwrapped) &&
        !(
          ts.isBinaryExpression(unwrapped) &&
          [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken].includes(
            unwrapped.operatorToken.kind,
          )
        )
      ) {
        const type = checker.getTypeAtLocation(unwrapped);
        const isCatch =
          ts.isCallExpression(unwrapped) &&
          ts.isPropertyAccessExpression(unwrapped.expression) &&
          ['catch', 'then', 'finally'].includes(unwrapped.expression.name.text);
        if (isPromise(type) && !isCatch) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          console.log(
            `${source.fileName.replace(`${process.cwd()}/`, '')}:${line + 1}: ${node.getText().split('\n')[0].slice(0, 100)}`,
          );
          found += 1;
        }
      }
    }
    // Promise passed where a boolean/value is expected in conditions.
    if (ts.isIfStatement(node) || ts.isConditionalExpression(node)) {
      const cond = ts.isIfStatement(node) ? node.expression : node.condition;
      const t = checker.getTypeAtLocation(cond);
      if (isPromise(t)) {
        const { line } = source.getLineAndCharacterOfPosition(cond.getStart());
        console.log(
          `${source.fileName.replace(`${process.cwd()}/`, '')}:${line + 1}: condition is a Promise`,
        );
        found += 1;
      }
    }
    // A Promise handed to a parameter typed any/unknown (res.send, res.json, expect): almost
    // always a missing await.
    if (ts.isCallExpression(node)) {
      const signature = checker.getResolvedSignature(node);
      node.arguments.forEach((arg, i) => {
        if (!isPromise(checker.getTypeAtLocation(arg))) return;
        const param = signature?.getParameters()[Math.min(i, (signature?.getParameters().length ?? 1) - 1)];
        if (param === undefined) return;
        const paramType = checker.getTypeOfSymbolAtLocation(param, node);
        if (paramType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
          const { line } = source.getLineAndCharacterOfPosition(arg.getStart());
          console.log(
            `${source.fileName.replace(`${process.cwd()}/`, '')}:${line + 1}: Promise passed as an untyped argument: ${arg.getText().split('\n')[0].slice(0, 80)}`,
          );
          found += 1;
        }
      });
    }
    // A Promise inside a template literal or compared with ===.
    if (ts.isTemplateSpan(node) && isPromise(checker.getTypeAtLocation(node.expression))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      console.log(
        `${source.fileName.replace(`${process.cwd()}/`, '')}:${line + 1}: Promise in a template literal`,
      );
      found += 1;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
process.exit(found > 0 ? 1 : 0);
