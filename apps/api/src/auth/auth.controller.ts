import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, type Principal } from '@luodi/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnyRole, CurrentPrincipal, Public } from './access.decorators';
import { LoginDto, LoginResultDto, RefreshDto, UserViewDto } from './auth.dto';
import { AuthService } from './auth.service';

/** The refresh token travels as an httpOnly cookie for browsers (scripts never see it). */
const REFRESH_COOKIE = 'luodi_refresh';
const COOKIE_PATH = '/api/auth';

/** Answers that carry tokens must not be kept by a browser or proxy cache. */
function noStore(reply: FastifyReply): void {
  void reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
}

/**
 * Answer a sign-in or a refresh: the refresh token also as an httpOnly cookie (for browsers; scripts
 * never see it), the answer kept by no cache.
 */
function withTokens(request: FastifyRequest, reply: FastifyReply, result: LoginResultDto): LoginResultDto {
  void reply.setCookie(REFRESH_COOKIE, result.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: COOKIE_PATH,
    maxAge: result.refreshExpiresIn,
  });
  noStore(reply);
  return result;
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in; 401 for a wrong username or password alike, 429 after repeated failures',
  })
  @ApiOkResponse({ type: LoginResultDto })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResultDto> {
    const result = await this.auth.login(body.username, body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    return withTokens(request, reply, result);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'New tokens for a refresh token (body or cookie); each refresh token works once' })
  @ApiOkResponse({ type: LoginResultDto })
  async refresh(
    @Body() body: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResultDto> {
    const token = body.refreshToken ?? request.cookies[REFRESH_COOKIE];
    if (!token) throw DomainError.coded('unauthorized', 'refresh_token_missing');
    return withTokens(request, reply, await this.auth.refresh(token));
  }

  @Post('auth/logout')
  @AnyRole()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(principal);
    void reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Get('me')
  @AnyRole()
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserViewDto })
  me(@CurrentPrincipal() principal: Principal): Promise<UserViewDto> {
    return this.auth.me(principal);
  }
}
