import { Body, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { AccessScope, Principal } from '@luodi/domain';
import type { FastifyReply } from 'fastify';
import { AnyRole, ApiController, CurrentPrincipal, CurrentScope, Roles } from '../auth/access.decorators';
import { sendDocx } from './document-reply';
import { DOCX_MIME } from './documents';
import { IssueNoticeDto, NoticeQueryDto, NoticeReplyDto } from './notices.dto';
import { NoticesService } from './notices.service';

const ISSUERS = ['admin', 'bureau', 'leader'] as const;
const ADDRESSEES = ['admin', 'department'] as const;

@ApiController('notices', 'dispatch')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: '督办函, newest first (a department: those addressed to it)' })
  list(@Query() query: NoticeQueryDto, @CurrentScope() scope: AccessScope) {
    return this.notices.list(query, scope);
  }

  @Post()
  @Roles(...ISSUERS)
  @ApiOperation({
    summary:
      'Issue a notice from a level-3 alert, an overdue problem or a decision: 〔YYYY〕督字第N号, facts from the data, reply in 3 working days',
  })
  issue(@Body() body: IssueNoticeDto, @CurrentPrincipal() principal: Principal) {
    return this.notices.issue(body, principal);
  }

  @Get(':id')
  @AnyRole()
  get(@Param('id') id: string, @CurrentScope() scope: AccessScope) {
    return this.notices.get(id, scope);
  }

  @Post(':id/sign')
  @Roles(...ADDRESSEES)
  @HttpCode(200)
  @ApiOperation({ summary: '签收 by the addressee department (409 when not "issued")' })
  sign(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: AccessScope,
  ) {
    return this.notices.sign(id, principal, scope);
  }

  @Post(':id/reply')
  @Roles(...ADDRESSEES)
  @HttpCode(200)
  @ApiOperation({
    summary: '反馈 by the addressee department: done, remaining, expected date (409 unless "signed")',
  })
  reply(
    @Param('id') id: string,
    @Body() body: NoticeReplyDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: AccessScope,
  ) {
    return this.notices.reply(id, body, principal, scope);
  }

  @Get(':id/notice.docx')
  @AnyRole()
  @ApiProduces(DOCX_MIME)
  @ApiOperation({ summary: 'The notice as .docx (GB/T 9704 layout)' })
  async docx(@Param('id') id: string, @CurrentScope() scope: AccessScope, @Res() reply: FastifyReply) {
    const document = await this.notices.document(id, scope);
    return sendDocx(reply, document, `${document.number ?? ''}${document.title}.docx`, 'notice.docx');
  }
}
