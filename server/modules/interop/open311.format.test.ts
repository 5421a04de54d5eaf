import { describe, expect, it } from 'vitest';
import { contentType, errors, render, splitFormat } from './open311.format';

describe('Open311 wire formats', () => {
  it('takes the format from the suffix, XML when there is none (the required format)', () => {
    expect(splitFormat('services.json')).toEqual(['services', 'json']);
    expect(splitFormat('requests.xml')).toEqual(['requests', 'xml']);
    expect(splitFormat('20261128-ABC123')).toEqual(['20261128-ABC123', 'xml']);
    expect(splitFormat('a.b.json')).toEqual(['a.b', 'json']);
    expect(contentType('json')).toMatch(/^application\/json/);
    expect(contentType('xml')).toMatch(/^text\/xml/);
  });

  it('renders lists as root + one element per record, nested lists with the singular name', () => {
    const xml = render('xml', 'services', 'service', [
      { service_code: 'a', metadata: false, keywords: null },
      { service_code: 'b&c', metadata: true, keywords: null },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><services>' +
        '<service><service_code>a</service_code><metadata>false</metadata><keywords/></service>' +
        '<service><service_code>b&amp;c</service_code><metadata>true</metadata><keywords/></service>' +
        '</services>',
    );
    expect(
      render('xml', 'discovery', null, { endpoints: [{ formats: ['text/xml', 'application/json'] }] }),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?><discovery><endpoints><endpoint><formats>' +
        '<format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>',
    );
    expect(JSON.parse(render('json', 'services', 'service', [{ service_code: 'a' }]))).toEqual([
      { service_code: 'a' },
    ]);
  });

  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    expect(render('xml', 'x', null, { d: `<a href='x'>"&"</a>\u0001\u0008ok` })).toBe(
      '<?xml version="1.0" encoding="utf-8"?><x><d>&lt;a href=&apos;x&apos;&gt;&quot;&amp;&quot;&lt;/a&gt;ok</d></x>',
    );
  });

  it('writes errors as the spec does', () => {
    expect(JSON.parse(errors('json', 404, 'service_code not found'))).toEqual([
      { code: 404, description: 'service_code not found' },
    ]);
    expect(errors('xml', 403, 'api_key is missing')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>api_key is missing</description></error></errors>',
    );
  });
});
