/**
 * Environments: the env files of one template in several environments (dev, prod...), their rules
 * and their comparison. Pure, like the rest of the core: paths and analyses in, plain data out.
 * The language server calls {@link environmentProblems} with a file's siblings ({@link groupOf});
 * the command line checks a whole walk with {@link environmentProblemsOfAll}, and it and the
 * editor's Compare Environments call {@link compareEnvironments}.
 */
export { parseEnvironmentDeclarations, declarationsFromArguments, type EnvironmentDeclaration, type DeclarationsResult } from './declarations';
export { declaredFileKind, declaredOrNamedKind, environmentFileOf, indexedFileKind, declaredFileGlobs, isTemplateFilePath, isEnvLinesFilePath, groupEnvironments, groupOf, conventionFolders, type EnvironmentFile, type FolderPaths, type EnvironmentGroup } from './files';
export { environmentProblems, environmentProblemsOfAll, filesJudgedTogether, fileLabel, type EnvironmentSibling, type EnvironmentSource } from './rules';
export { compareEnvironments, cellText, rowStatus, type ComparisonCell, type ComparisonRow, type EnvironmentComparison } from './compare';
export { accountOfEnvironment, accountStep, declaredAccountOf, DIFFERENT_ACCOUNTS, inDifferentAccounts, otherAccountInEditor, otherAccountMessage, otherAccountOf, otherAccountProblem, unnamedAccount, type AccountStep, type DeclaredAccount, type OtherAccount } from './accounts';
export { matchingNameFor } from './matchingName';
export { canonicalEnvironment, environmentsInName, isEnvironmentName, nameSegments, ENVIRONMENT_WORDS } from './words';
