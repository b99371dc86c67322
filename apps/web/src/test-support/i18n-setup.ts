// Vitest setup for the web project: components call useTranslation() without a provider, as they
// may (react-i18next's global instance), so every test renders in English unless it switches.
import { createI18n } from '../i18n/setup.ts'

createI18n('en')
