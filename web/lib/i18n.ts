import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import appEn from '../app/locales/en.json';
import appZh from '../app/locales/zh-CN.json';
import accountsEn from '../modules/accounts/locales/en.json';
import accountsZh from '../modules/accounts/locales/zh-CN.json';
import auditEn from '../modules/audit/locales/en.json';
import auditZh from '../modules/audit/locales/zh-CN.json';
import casesEn from '../modules/cases/locales/en.json';
import casesZh from '../modules/cases/locales/zh-CN.json';
import governanceEn from '../modules/governance/locales/en.json';
import governanceZh from '../modules/governance/locales/zh-CN.json';
import peopleEn from '../modules/people/locales/en.json';
import peopleZh from '../modules/people/locales/zh-CN.json';
import territoryEn from '../modules/territory/locales/en.json';
import territoryZh from '../modules/territory/locales/zh-CN.json';
import commonEn from './locales/en.json';
import commonZh from './locales/zh-CN.json';

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'gz.lang';

const stored = (): Lang => {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

/** One namespace per module; Chinese first, English second. */
void i18n.use(initReactI18next).init({
  lng: stored(),
  fallbackLng: 'zh-CN',
  supportedLngs: LANGS,
  ns: ['common', 'app', 'accounts', 'territory', 'audit', 'people', 'cases', 'governance'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  resources: {
    'zh-CN': {
      common: commonZh,
      app: appZh,
      accounts: accountsZh,
      territory: territoryZh,
      audit: auditZh,
      people: peopleZh,
      cases: casesZh,
      governance: governanceZh,
    },
    en: {
      common: commonEn,
      app: appEn,
      accounts: accountsEn,
      territory: territoryEn,
      audit: auditEn,
      people: peopleEn,
      cases: casesEn,
      governance: governanceEn,
    },
  },
});

const applyLang = (lng: string) => {
  document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
  document.title = i18n.t('app:title');
};
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

/** Switches the UI language and remembers it on this device. */
export const setLanguage = (lng: Lang) => {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lng);
};

export { i18n };
