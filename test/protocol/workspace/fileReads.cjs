// Loaded into a server under test with `node --require`: appends the path of each file the server
// reads content from (fs.readSync on a descriptor fs.openSync gave) to `runpod-reads-<pid>.log` in
// the temporary directory, so a test can say which files a request read. The log is written with
// the functions as they were before this patch, so logging never logs itself.
const fs = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { openSync, readSync, closeSync, appendFileSync } = fs;
const log = join(tmpdir(), `runpod-reads-${process.pid}.log`);
const paths = new Map();
fs.openSync = function (path, ...rest) {
  const fd = openSync.call(this, path, ...rest);
  paths.set(fd, String(path));
  return fd;
};
fs.closeSync = function (fd, ...rest) {
  paths.delete(fd);
  return closeSync.call(this, fd, ...rest);
};
fs.readSync = function (fd, ...rest) {
  const path = paths.get(fd);
  if (path !== undefined) appendFileSync(log, `${path}\n`);
  return readSync.call(this, fd, ...rest);
};
