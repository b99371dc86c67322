// Vitest setup for the web project: components rendered without an <I18nextProvider> translate
// with react-i18next's global instance, made here in English, as the e2e's en-US pages read.
import { setI18n } from 'react-i18next'

import { createI18n } from '../i18n/setup.ts'

setI18n(createI18n('en'))
