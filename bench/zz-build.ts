import { cachedInboxDatabase } from './inbox-fixture';
const f = cachedInboxDatabase();
console.log(JSON.stringify({ path: f.path, build: f.buildSeconds, mb: f.sizeMb }));
