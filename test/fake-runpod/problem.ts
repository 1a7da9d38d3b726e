/**
 * RFC 9457 problem documents, the error shape of RunPod REST v2. Handlers throw `ProblemError`;
 * the server turns it into `application/problem+json`. Details name fields and rules, never a
 * submitted value (a value may be a secret).
 */

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Standard reason phrase for a status, used as the problem `title`. */
export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

/** Problem document body as RunPod sends it. */
export interface Problem {
  title: string;
  status: number;
  detail: string;
  errors?: string[];
}

/** A failure a handler reports to the caller; becomes a problem+json response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  toProblem(): Problem {
    const problem: Problem = { title: titleFor(this.status), status: this.status, detail: this.detail };
    if (this.errors && this.errors.length > 0) problem.errors = this.errors;
    return problem;
  }
}

/** 422 with RunPod's `errors` list; the detail summarises so a log line alone is useful. */
export function validationError(errors: string[]): ProblemError {
  return new ProblemError(422, `request body failed validation: ${errors.join('; ')}`, errors);
}

/** 404 for a resource id (ids are not secret, so naming them helps debugging). */
export function notFound(kind: string, id: string): ProblemError {
  return new ProblemError(404, `${kind} ${JSON.stringify(id)} not found`);
}
