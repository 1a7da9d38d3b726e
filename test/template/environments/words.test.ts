/** Environment words in secret names: whole segments only, aliases, declared names. */
import { describe, expect, it } from 'vitest';
import { canonicalEnvironment, environmentsInName, isEnvironmentName } from '../../../server/src/template/environments';

describe('environmentsInName', () => {
  it.each([
    ['dev-db-password', ['dev']],
    ['db_password_prod', ['prod']],
    ['staging/openai', ['staging']],
    ['DB_PASSWORD_PROD', ['prod']],
    ['app.Production.key', ['prod']],
    ['development-token', ['dev']],
    ['stg-key', ['staging']],
    ['prod-to-dev-sync', ['prod', 'dev']],
  ])('%s marks %j', (name, expected) => {
    expect(environmentsInName(name)).toEqual(expected);
  });

  it.each(['devices-key', 'prodigy_token', 'devops/token', 'hf-token', 'product-db', 'latest', 'protest', 'qaz'])('%s marks no environment (a whole segment only)', (name) => {
    expect(environmentsInName(name)).toEqual([]);
  });

  it('a declared or sibling environment name counts as a word too', () => {
    expect(environmentsInName('eu-db-password')).toEqual([]);
    expect(environmentsInName('eu-db-password', ['eu', 'us'])).toEqual(['eu']);
  });
});

describe('environment names', () => {
  it('aliases have one canonical name', () => {
    expect(['development', 'develop', 'DEV'].map(canonicalEnvironment)).toEqual(['dev', 'dev', 'dev']);
    expect(['production', 'stage', 'testing'].map(canonicalEnvironment)).toEqual(['prod', 'staging', 'test']);
    expect(canonicalEnvironment('EU-West')).toBe('eu-west');
  });

  it('a declared name is a short word without separators of paths or secret names', () => {
    expect(['dev', 'eu-west', 'qa_2'].every(isEnvironmentName)).toBe(true);
    expect(['', '2dev', 'a/b', 'a.b', 'x'.repeat(33), 'dev\u001b[2J'].some(isEnvironmentName)).toBe(false);
  });
});
