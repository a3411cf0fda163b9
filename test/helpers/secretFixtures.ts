// A PEM private key block, as a committed secret looks: the rules must find it and block the commit.
// Split so that secret scanners reading this repository do not flag the fixture itself as a leak.
export const PRIVATE_KEY_FIXTURE = [
  ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '),
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  ['-----END RSA', 'PRIVATE KEY-----'].join(' '),
  '',
].join('\n');
