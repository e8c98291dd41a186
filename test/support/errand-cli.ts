// Runs the errand CLI from source (spawned with `node --import tsx`), so tests exercise the real commands.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
