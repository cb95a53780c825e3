'use strict';
/**
 * Admin Auth: POST /v1/adminapi/authenticate.
 * An unknown application id answers 404 (the spec declares it) and a wrong secret 401, so a credential
 * test can say which value is wrong from the status alone; the ErrorInfo codes say it too.
 */
const { SESSION_COOKIE } = require('../tokens');

function register(registry, ctx) {
	registry.on('authenticateAdminApiUsingPOST', (req, res) => {
		const { applicationId, sharedSecret, enableWebSession } = req.body;
		const application = ctx.state.applications.get(String(applicationId).toLowerCase());
		if (!application) {
			return res.sendErrorInfo(
				404,
				'APPLICATION_NOT_FOUND',
				`Application ${applicationId} not found`,
				[{ applicationId }],
			);
		}
		if (application.enabled === false) {
			return res.sendErrorInfo(
				403,
				'APPLICATION_DISABLED',
				`Application ${applicationId} is disabled`,
			);
		}
		if (application.sharedSecret !== sharedSecret) {
			return res.sendErrorInfo(401, 'INVALID_CREDENTIALS', 'Invalid shared secret');
		}
		const token = ctx.tokens.issue(application.id, { webSession: enableWebSession === true });
		if (token.sessionId)
			res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${token.sessionId}; Path=/; HttpOnly; Secure`);
		return res.sendJson(200, {
			authToken: token.token,
			creationTime: new Date(token.createdAt).toISOString(),
			expirationTime: new Date(token.expiresAt).toISOString(),
		});
	});
}

module.exports = { register };
