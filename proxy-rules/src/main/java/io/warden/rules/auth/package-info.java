/**
 * Bearer-token authentication: the pure decisions. How the data plane wires them:
 * <ol>
 *   <li>Keys: {@link io.warden.rules.auth.jwt.StaticKeys#of} with {@code auth.jwtSecret} and the
 *       keys {@link io.warden.rules.auth.jwt.PemKeys#parse} reads from the files of
 *       {@code auth.publicKeys}; with {@code auth.jwks}, a
 *       {@link io.warden.rules.auth.jwt.JwksKeySet} that core feeds from the file or URL
 *       (off the event loop, on the schedule of {@link io.warden.rules.auth.jwt.JwksRefreshPolicy},
 *       and whenever its {@link io.warden.rules.auth.jwt.KeyRefreshListener} asks); both joined by
 *       {@link io.warden.rules.auth.jwt.KeyResolver#composite}.</li>
 *   <li>One {@link io.warden.rules.auth.jwt.RevocationList}, shared by the
 *       {@link io.warden.rules.auth.jwt.TokenVerifier} and the token service.</li>
 *   <li>{@link io.warden.rules.auth.AuthCheck} in the pipeline after the block list and before the
 *       rate limiter, with a policy per route ({@link io.warden.rules.auth.AuthPolicy#from} for the
 *       default); {@link io.warden.rules.auth.BearerSubprotocolStep} among the response steps.</li>
 *   <li>On every forwarded request: remove the headers {@link io.warden.rules.auth.IdentityHeaders}
 *       matches, then those in {@code RequestContext.removedUpstreamHeaders()}, then add
 *       {@code upstreamHeaders()}, and forward to {@code upstreamTarget()}.</li>
 *   <li>The token service ({@code io.warden.rules.auth.token}) blocks on bcrypt: call it on a
 *       worker pool, never on an event loop.</li>
 * </ol>
 */
package io.warden.rules.auth;
