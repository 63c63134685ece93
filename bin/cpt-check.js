#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (npm install builds it through "prepare").
import { main } from "../dist/cli.js";

const code = await main(process.argv);
process.exitCode = code;
