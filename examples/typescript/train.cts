// TypeScript, CommonJS (a .cts file under module node16: require() and the package's .d.cts types).
//   npx tsc -p examples/typescript && node examples/typescript/out/train.cjs
import { type TrainResult, rows, teacherData, train } from "relu-landscape";

async function main(): Promise<void> {
  const data = await teacherData({ n: 10, d: 2, seed: 3 });
  const net: TrainResult = await train({ X: rows(data), y: Array.from(data.y), lambda: 0.01 }, { m: 6, maxEpochs: 5000, seed: 4 });
  console.log(JSON.stringify({ loss: net.loss }));
}

main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
