// Loaded into a server under test with `node --require` (and so into its walk thread, which inherits
// the option): a folder named `locked` cannot be listed (EACCES), as a folder without read permission
// is for a user other than root. Tests run as root, for whom every folder lists.
const fs = require('node:fs');
const { basename } = require('node:path');

const { readdirSync } = fs;
fs.readdirSync = function (path, ...rest) {
  if (basename(String(path)) === 'locked') throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
  return readdirSync.call(this, path, ...rest);
};
