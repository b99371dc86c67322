/**
 * English texts of the status line, title and UX strings, keyed as the i18n catalogues key them
 * (i18next conventions: `{{name}}` values, `_one`/`_other` plurals picked by `count`).
 */
export const UX_MESSAGES_EN: Readonly<Record<string, string>> = {
  'status.download.complete': 'Download complete — sharing it on with others from this tab.',
  'status.download.downloading_one': 'Downloading from 1 person.',
  'status.download.downloading_other': 'Downloading from {{count}} people.',
  'status.download.senderLeft':
    'The sender left at {{percent}} %: waiting for anyone who has the rest. Their page must be open for the download to go on.',
  'status.download.noneHasTheRest_one':
    'Connected to 1 person, but they do not have the rest yet: waiting for anyone who has it.',
  'status.download.noneHasTheRest_other':
    'Connected to {{count}} people, but none has the rest yet: waiting for anyone who has it.',
  'status.download.lookingForRest': 'Looking for anyone who has the rest…',
  'status.download.blocked_one':
    'Found 1 person sharing this file but could not connect: their network or yours blocks direct connections, and this Swarmdrop has no relay configured.',
  'status.download.blocked_other':
    'Found {{count}} people sharing this file but could not connect to any: their network or yours blocks direct connections, and this Swarmdrop has no relay configured.',
  'status.download.blockedEvenRelayed_one':
    'Found 1 person sharing this file but could not connect, even through the relay.',
  'status.download.blockedEvenRelayed_other':
    'Found {{count}} people sharing this file but could not connect to any, even through the relay.',
  'status.download.unanswered_one':
    'Found 1 person sharing this file but could not connect: they seem to have left, or did not answer.',
  'status.download.unanswered_other':
    'Found {{count}} people sharing this file but could not connect to any: they seem to have left, or did not answer.',
  'status.download.fetchingDetails_one': 'Getting the file details from the sender…',
  'status.download.fetchingDetails_other': 'Getting the file details from {{count}} people…',
  'status.download.nobodyWithFileOthersWaiting_one':
    "Nobody who has this file is online; 1 other person is waiting for it too. The sender's page must stay open for anyone to download — did they close their tab?",
  'status.download.nobodyWithFileOthersWaiting_other':
    "Nobody who has this file is online; {{count}} other people are waiting for it too. The sender's page must stay open for anyone to download — did they close their tab?",
  'status.download.nobodyWithFile':
    "Nobody who has this file is online. The sender's page must stay open for the download to start — did they close their tab? This page keeps looking.",
  'status.download.looking': 'Looking for the sender…',
  'status.download.connecting': 'Connecting to the sender…',
  'status.trackerDownKeepsGoing':
    'The tracker is unreachable: nobody new can join, but your download keeps going over the connections you have.',
  'status.trackerDownNobodyFound':
    'The tracker is unreachable, so nobody can be found until it is back; retrying.',
  'status.trackerDownSeeding':
    'The tracker is unreachable: nobody new can join; existing connections keep going. Retrying.',
  'status.waitedUnderAMinute': 'Waiting for under a minute.',
  'status.waitedMinutes_one': 'Waiting for 1 minute.',
  'status.waitedMinutes_other': 'Waiting for {{count}} minutes.',
  'status.seed.nobodyYet': 'Sharing. Nobody is connected yet: send the link.',
  'status.seed.connected_one': 'Sharing with 1 person.',
  'status.seed.connected_other': 'Sharing with {{count}} people.',
  'status.seed.finished_one': '1 person has the whole file.',
  'status.seed.finished_other': '{{count}} people have the whole file.',
  'status.seed.downloading_one': '1 still downloading.',
  'status.seed.downloading_other': '{{count}} still downloading.',
  'status.seed.keepOpen': 'Keep this tab open: the file goes from here.',
  'library.title': 'In this browser',
  'library.state.sharing': 'Sharing now from this tab',
  'library.state.seeding': 'Shared from your file before: choose it again to share it again',
  'library.state.downloading': 'Downloading: open it to carry on',
  'library.state.done': 'Downloaded',
  'library.onDisk': '{{name}} on disk',
  'library.remove': 'Remove',
  'library.removeNamed': 'Remove {{name}}',
  'library.removed': '{{name}} removed.',
  'library.undo': 'Undo',
  'library.undoNamed': 'Undo removing {{name}}',
  'library.removeFailed': 'Could not remove it: {{reason}}',
  'share.yourFile': 'Your file',
  'share.sendLink': 'Send this link:',
  'share.uploadSpeed': 'Upload speed',
  'share.connected': 'Connected',
  'share.shareAnother': 'Share another file',
  'share.stop': 'Stop sharing',
  'share.stopAnyway': 'Stop sharing anyway',
  'share.keepSharing': 'Keep sharing',
  'share.stopConfirm_one':
    '1 person is connected and may still be downloading: stopping cuts them off.',
  'share.stopConfirm_other':
    '{{count}} people are connected and may still be downloading: stopping cuts them off.',
  'share.openLinkTitle': 'Received a link?',
  'share.openLinkLabel': 'Paste the link someone sent you',
  'share.openLinkButton': 'Open',
  'share.openLinkBad': 'That is not a Swarmdrop link. Paste the whole link you were sent.',
  'share.dropOverlay': 'Drop to share',
  'share.dropOverlayAlongside': 'Drop to share it too, alongside what you share now',
  'share.dropOverlayHint':
    'Files and folders go straight from this browser to the people you send the link to.',
  'download.joining': 'Joining…',
  'download.detailsFromSender': 'The file details come from the sender.',
  'download.progress': 'Download progress',
  'download.downloadSpeed': 'Download speed',
  'download.uploadSpeed': 'Upload speed',
  'download.connected': 'Connected',
  'download.received': 'Received',
  'download.preparing': 'Preparing…',
  'download.save': 'Save {{name}}',
  'download.saveZip': 'Save all as {{name}}.zip',
  'download.saveFailed': 'Could not save the file: {{reason}}',
  'download.notifyMe': 'Tell me when it is done',
  'download.notifyOn': 'You will get a notification when the download is done.',
  'download.notifyDenied':
    'Notifications are blocked for this site; the tab title shows the progress.',
  'app.title': 'Swarmdrop',
  'app.tagline': 'Browser-to-browser file sharing',
  'app.skipToMain': 'Skip to main content',
  'app.titleProgress': '{{percent}} % · {{name}}',
  'app.titleDone': 'Done · {{name}}',
  'app.titleWaiting': 'Waiting · {{name}}',
  'app.titleJoining': 'Joining…',
  'app.titleSharing': 'Sharing {{name}}',
  'app.titlePreparing': 'Preparing {{name}}',
  'app.notificationTitle': 'Download complete',
  'app.notificationBody': '{{name}} is ready to save.',
}

/** i18next-style lookup over UX_MESSAGES_EN: plural by `count`, `{{value}}` interpolation. */
export function translateEn(
  key: string,
  values?: Readonly<Record<string, string | number>>,
): string {
  const count = values?.['count']
  const plural =
    typeof count === 'number'
      ? UX_MESSAGES_EN[`${key}_${count === 1 ? 'one' : 'other'}`]
      : undefined
  const template = plural ?? UX_MESSAGES_EN[key] ?? key
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values?.[name] ?? ''))
}
