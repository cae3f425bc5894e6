import { readSettings, updateSettings } from '../settings/settings-store';
import type { HandlerDeps, HandlersFor } from './handler-deps';

export function createAppHandlers({ orm, info }: HandlerDeps): HandlersFor<'app.info' | 'settings.get' | 'settings.update'> {
  return {
    'app.info': () => info,
    'settings.get': () => readSettings(orm),
    'settings.update': (patch) => updateSettings(orm, patch),
  };
}
