import { AppError } from '../../../shared/errors';

/** The local practice server carries text only: a file for a practice account is refused plainly, before anything is stored. */
export const practiceCarriesNoFiles = () => new AppError('UNSUPPORTED', 'Practice accounts send text only: the local practice server carries no files.');
