/** Example lines of the specification (../shared/spec/log-formats.md), verbatim. */
export const SPEC = {
  mainlogR:
    '1064868656@00/00-25004-31B987F3@00/00-03736-F4101B54@00/00-04532-A3456B54@R@bob@example.fict@info@postalengine.com@10.0.1.1@201@esmtp@default@default',
  mainlogD:
    '1064871280@20/00-25593-945A87F3@00/00-03736-F4101B54@00/00-04532-A3456B54@D@postalengine.com@266@group-a@binding-a@0@0.393@10.0.0.1',
  mainlogT:
    '1064869327@00/00-25593-CBD987F3@00/00-03736-F4101B54@00/00-04532-A3456B54@T@example.fict@0@group-a@binding-a@15@0@18.53@10.0.0.1@421 no adequate servers',
  mainlogP:
    '1064870847@10/00-25593-393A87F3@00/00-03736-F4101B54@00/00-04532-A3456B54@P@postalengine.com@31@group-a@binding-a@5@1@3.89@10.0.0.1@552 No such account',
  heartbeatM1: '1251470342@@@@M1',
  heartbeatM: '1251470342@@@@M',
  mainlogD22: '1064871280@20/00-25593-945A87F3@D@postalengine.com@266@group-a@binding-a@0@0.393@10.0.0.1',
  bouncelogB:
    '1064868656@91/6D-07914-E67BC044@00/00-03736-F4101B54@00/00-04532-A3456B54@B@johndoe@example.fict@info@postalengine.com@group-a@binding-a@21@24@1223@10.0.0.1@554 5.4.7 [internal] exceeded max time without delivery',
} as const;

export const IDS = {
  batch: '00/00-03736-F4101B54',
  conn: '00/00-04532-A3456B54',
};
