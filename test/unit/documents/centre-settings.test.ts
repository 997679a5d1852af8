import { describe, expect, it } from 'vitest';
import { ConfigurationError, documentCentreSettings, readEnvironment } from '../../../config/env.js';
import type { CentreSettings } from '../../../documents/document-input.js';

describe('the centre settings documents print (DOCUMENT_*)', () => {
  it('default to the embedded demo’s Hailar centre', () => {
    const settings: CentreSettings = documentCentreSettings(readEnvironment({}));
    expect(settings).toEqual({
      centreName: '呼伦贝尔市海拉尔区非诉讼纠纷调处中心',
      committeeName: '呼伦贝尔市海拉尔区人民调解委员会',
      documentNumberPrefix: '海人调',
      defaultConfirmationCourt: '呼伦贝尔市海拉尔区人民法院',
    });
  });

  it('are read from the environment, and a blank name is refused naming the variable', () => {
    const settings = documentCentreSettings(
      readEnvironment({
        DOCUMENT_COMMITTEE_NAME: '扎兰屯市人民调解委员会',
        DOCUMENT_NUMBER_PREFIX: '扎人调',
      }),
    );
    expect(settings).toMatchObject({
      committeeName: '扎兰屯市人民调解委员会',
      documentNumberPrefix: '扎人调',
    });
    expect(() => readEnvironment({ DOCUMENT_CENTRE_NAME: ' ' })).toThrow(ConfigurationError);
    expect(() => readEnvironment({ DOCUMENT_CENTRE_NAME: ' ' })).toThrow(/DOCUMENT_CENTRE_NAME/);
  });
});
