#!/usr/bin/env node
// The installed command runs the compiled service; `npm run build` (run by `npm ci`) produces it.
import '../dist/cli/main.js';
